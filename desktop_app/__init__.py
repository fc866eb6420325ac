"""Fupin Desk: household files and cards for targeted poverty alleviation (精准扶贫 建档立卡)."""

__version__ = "0.1.0"
APP_NAME = "fupin-desk"
