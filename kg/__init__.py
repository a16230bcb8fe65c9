"""kg: knowledge graphs from Chinese news (see README.md)."""

from kg._compiled import install as _install_compiled_modules_rule

# Before any other module of kg is imported: which run compiled and which from their source.
_install_compiled_modules_rule()
