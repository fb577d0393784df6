// KeyValue: what a key holds at one revision, the events a watch sees, and the response header (mvccpb).

extension EtcdStore {
  /// A key's state at one revision: etcd's `mvccpb.KeyValue`.
  ///
  /// `version` is 1 on create and +1 per put; a delete ends the key, and a later put creates it
  /// again at version 1 with a new `createRevision`.
  public struct KeyValue: Sendable {
    public var key: String
    /// Revision of the put that last created the key (0 in a DELETE event's `kv`).
    public var createRevision: Int64
    /// Revision of the last change (for a DELETE event's `kv`: the revision of the delete).
    public var modRevision: Int64
    /// Puts since the key was last created (0 in a DELETE event's `kv`).
    public var version: Int64
    /// The value; `nil` for `keysOnly` reads and in a DELETE event's `kv` (etcd sends empty bytes).
    public var value: Value?
    /// The attached lease id, 0 for none.
    public var lease: Int64

    public init(
      key: String, createRevision: Int64, modRevision: Int64, version: Int64, value: Value?, lease: Int64 = 0
    ) {
      self.key = key
      self.createRevision = createRevision
      self.modRevision = modRevision
      self.version = version
      self.value = value
      self.lease = lease
    }

    /// The value as etcdctl prints it, `""` when there is none.
    public var valueText: String { value?.etcdText ?? "" }
  }

  /// What a watcher receives for one change: etcd's `mvccpb.Event`.
  public struct Event: Sendable {
    public enum EventType: Sendable, Hashable, CustomStringConvertible {
      case put
      case delete
      /// `PUT` or `DELETE`, as etcdctl prints it.
      public var description: String { self == .put ? "PUT" : "DELETE" }
    }

    public var type: EventType
    /// After the change. For a DELETE only `key` and `modRevision` (the delete's revision) are set.
    public var kv: KeyValue
    /// Before the change; `nil` for a create, or when the watch did not ask for it.
    public var prevKV: KeyValue?

    public init(type: EventType, kv: KeyValue, prevKV: KeyValue? = nil) {
      self.type = type
      self.kv = kv
      self.prevKV = prevKV
    }

    /// The store revision of the change.
    public var revision: Int64 { kv.modRevision }
    /// A PUT with `version == 1`: the key was created (the apiserver's ADDED).
    public var isCreate: Bool { type == .put && kv.version == 1 }
  }

  /// Every response starts with this: which cluster and member answered, at which store revision.
  public struct ResponseHeader: Sendable, Hashable {
    public var clusterID: UInt64
    public var memberID: UInt64
    /// The store revision when the response was made (after the request's own write).
    public var revision: Int64
    public var raftTerm: UInt64
  }
}

extension EtcdStore.KeyValue: Equatable where Value: Equatable {}
extension EtcdStore.Event: Equatable where Value: Equatable {}
