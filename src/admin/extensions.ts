// Capabilities that add admin subcommands register them by being imported here.
import '../outbox/admin.js';
import '../scheduler/admin.js';
