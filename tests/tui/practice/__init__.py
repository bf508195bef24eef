"""Practice mode: partner card, solo lines, score, rating, scenario pick, snapshots."""
