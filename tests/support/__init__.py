"""Test helpers shared by every tier: real-part fixtures and fakes."""
