"""Training and annotation tools, apart from run time: nothing in :mod:`kg` imports this package.

- :mod:`kg.train.crf` trains the name CRF from the People's Daily corpus of 1998.
"""
