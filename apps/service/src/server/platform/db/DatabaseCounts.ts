/** What the embedded database has run, for the statement budget and benchmarks. */
export interface DatabaseCounts {
  /** Statements a caller ran (not begin, commit or savepoints). */
  statements: number;
  /** Transactions committed and writes made outside one: the work that must reach the disk. */
  commits: number;
  /**
   * Real, fsync'd commits of the database file: several of the commits above share one when
   * they come together (group commit), never the other way round.
   */
  syncs: number;
}
