"""kbtool: a docs-as-code knowledge base and SOPs for IT service desks."""

# The one place the version is written: pyproject.toml reads it from here, and
# `kbtool --version` prints it without loading the installed package's metadata.
__version__ = "0.1.0"
