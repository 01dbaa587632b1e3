"""indikator: SAKIP performance trees (pohon kinerja) in YAML — check, evaluate, chart, report."""
__version__ = "0.1.0"
