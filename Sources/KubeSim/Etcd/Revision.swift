// Revision: etcd's two-part revision, the clock of the MVCC store.

/// A point in the store's history, as etcd's mvcc package numbers it.
///
/// `main` is the store revision: a cluster-wide counter bumped once per write request (a put,
/// a delete that deleted something, or a txn that wrote). `sub` orders the changes inside that
/// one request: a txn that puts `a` then deletes `b` writes `a` at `{main: 7, sub: 0}` and `b` at
/// `{main: 7, sub: 1}`. Clients only ever see `main` (as `mod_revision`, `create_revision` and
/// the header `revision`); `sub` keeps the order of a txn's events.
public struct EtcdRevision: Sendable, Hashable, Comparable, CustomStringConvertible {
  public var main: Int64
  public var sub: Int64

  public init(main: Int64, sub: Int64 = 0) {
    self.main = main
    self.sub = sub
  }

  public static func < (a: EtcdRevision, b: EtcdRevision) -> Bool {
    a.main != b.main ? a.main < b.main : a.sub < b.sub
  }

  /// `7.1`, the way etcd's docs write a revision.
  public var description: String { "\(main).\(sub)" }
}
