"""The agents' window (Qt). The search logic stays in the core; this package
only presents it: background workers call the core, models hold what they
return, widgets show it, and MainWindow wires them together."""
