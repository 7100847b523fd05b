"""The async source of the facade's operations; scripts/unasync writes the sync twins."""
