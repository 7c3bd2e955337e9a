"""Pure kitchen logic: orders, stations, timers and their rules; no Qt, no I/O, no clock."""
