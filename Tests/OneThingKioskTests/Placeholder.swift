// Kiosk tests.
