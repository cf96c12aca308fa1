/// The sync machine's decisions, each without a database: every branch, and each condition
/// of a compound rule on its own (a one-line slip in a rule turns one of these red). The
/// store, sync and end-to-end suites check that the store carries the decisions out.
enum SyncMachineTests {}
