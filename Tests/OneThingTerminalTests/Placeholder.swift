// Terminal tests.
