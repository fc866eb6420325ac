"""Placeholder of part D (issue 16); the part's engineer replaces this module."""

from __future__ import annotations

from desktop_app.ui.assist_base import CardSection, VillagePage

__all__ = ["CardSection", "VillagePage"]


class PostsPage(VillagePage):
    """Placeholder."""


class CardPostsSection(CardSection):
    """Placeholder."""
