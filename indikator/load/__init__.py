"""Loading definition sets: YAML with positions → aliases → schema → model."""
from .loader import load_definitions

__all__ = ["load_definitions"]
