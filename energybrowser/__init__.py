"""energybrowser: an offline reference browser for articles on Caspian energy cooperation."""

__version__ = "0.1.0"
