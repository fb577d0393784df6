// EtcdError: the errors the store returns, with etcd's exact wording (rpctypes and mvcc).

/// An error from the store. `message` is etcd's own text, which etcdctl prints after `Error: `.
public enum EtcdError: Error, Sendable, Hashable, CustomStringConvertible {
  /// A read, watch or compaction below the compacted revision (gRPC OutOfRange).
  case compacted
  /// A read or compaction above the current revision (gRPC OutOfRange).
  case futureRevision
  /// A put or delete of the empty key (gRPC InvalidArgument).
  case emptyKey
  /// A txn that puts one key twice, or puts a key it also deletes (gRPC InvalidArgument).
  case duplicateKey
  /// A txn with more than `EtcdStore.maxTxnOps` compares or operations in one list.
  case tooManyOps
  /// A put with, or a keep-alive, revoke or attach of, a lease that does not exist (gRPC NotFound).
  case leaseNotFound
  /// A grant with an id that is already in use (gRPC FailedPrecondition).
  case leaseExists
  /// A grant with a TTL above `EtcdStore.maxLeaseTTL` (gRPC OutOfRange).
  case leaseTTLTooLarge

  /// etcd's message, e.g. `etcdserver: mvcc: required revision has been compacted`.
  public var message: String {
    switch self {
    case .compacted: return "etcdserver: mvcc: required revision has been compacted"
    case .futureRevision: return "etcdserver: mvcc: required revision is a future revision"
    case .emptyKey: return "etcdserver: key is not provided"
    case .duplicateKey: return "etcdserver: duplicate key given in txn request"
    case .tooManyOps: return "etcdserver: too many operations in txn request"
    case .leaseNotFound: return "etcdserver: requested lease not found"
    case .leaseExists: return "etcdserver: lease already exists"
    case .leaseTTLTooLarge: return "etcdserver: too large lease TTL"
    }
  }

  /// The gRPC status code etcd answers with (11 OutOfRange, 3 InvalidArgument, 5 NotFound, 9 FailedPrecondition).
  public var grpcCode: Int {
    switch self {
    case .compacted, .futureRevision, .leaseTTLTooLarge: return 11
    case .emptyKey, .duplicateKey, .tooManyOps: return 3
    case .leaseNotFound: return 5
    case .leaseExists: return 9
    }
  }

  public var description: String { message }
}
