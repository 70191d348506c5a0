"""上门服务证 registration terminal."""

__version__ = "0.1.0"
