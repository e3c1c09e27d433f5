"""Widgets of the reflect app."""
