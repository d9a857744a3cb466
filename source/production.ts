// Imported first by the CLI, before React loads: React picks its build when it is first
// imported. Its development build records a performance measure for every render and
// keeps them all (the resident size grew by megabytes a minute on an idle screen), and
// it checks and warns at a cost no user of a terminal tool wants to pay.
process.env['NODE_ENV'] = 'production';
