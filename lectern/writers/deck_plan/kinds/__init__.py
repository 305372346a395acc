"""One module per kind of slide; each adds its slides to a Planner."""
