"""The walk from home to summary: details, prep, partner card, call, resume."""
