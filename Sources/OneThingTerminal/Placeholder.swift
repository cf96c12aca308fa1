// The terminal layer; see README in this folder's module documentation.
