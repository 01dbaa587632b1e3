"""The engine: compiled formulas evaluated over all entities; achievement, predicates, roll-up."""
from .evaluate import Engine
from .results import Evaluation

__all__ = ["Engine", "Evaluation"]
