"""Trained models shipped with newsprism (weights live in sub-folders)."""
