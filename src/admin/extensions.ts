// Capabilities that add admin subcommands register them by being imported here.
import '../beheerplan/admin.js';
import '../outbox/admin.js';
import '../scheduler/admin.js';
