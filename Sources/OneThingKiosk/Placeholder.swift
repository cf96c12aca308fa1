// The kiosk screens.
