"""Screens of the reflect app."""
