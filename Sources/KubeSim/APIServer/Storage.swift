// Storage: the apiserver's door to etcd (k8s.io/apiserver's etcd3 storage). Only the apiserver
// holds one; every call records the apiserver ↔ etcd messages it causes.

/// An object as stored in etcd.
/// Simulation: upstream stores protobuf bytes (`k8s\0…`); the value here is the object itself,
/// shown as JSON by etcdctl.
struct StoredObject: EtcdValue {
  let object: any KubeObject
  var etcdText: String { object.json.compactText }
}

final class Storage {
  fileprivate let etcd: EtcdStore<StoredObject>
  private let context: SimContext
  private var watchID: Int64 = 0

  init(context: SimContext, member: EtcdMember) {
    self.context = context
    self.etcd = EtcdStore<StoredObject>(member: member)
    watchID = etcd.watch(prefix: "/registry/", startRevision: 0)
  }

  var revision: Int64 { etcd.revision }

  static func key(_ r: ResourceType, namespace: String, name: String) -> String {
    r.namespaced ? "/registry/\(r.etcdPrefix)/\(namespace)/\(name)" : "/registry/\(r.etcdPrefix)/\(name)"
  }

  /// Reads the stored object (the apiserver reads its own cache for most requests).
  func get(_ key: String) -> (object: any KubeObject, modRevision: Int64)? {
    guard let kv = try? etcd.get(key), let v = kv.value else { return nil }
    return (v.object, kv.modRevision)
  }

  enum WriteError: Error {
    case exists
    case conflict
    case notFound
  }

  /// Creates `object` at `key` if nothing is there: `txn(create_revision == 0) put`.
  func create(_ key: String, _ object: any KubeObject, lease: Int64 = 0) throws(WriteError) -> any KubeObject {
    let rev = etcd.revision + 1
    var o = object
    o.metadata.resourceVersion = String(rev)
    context.record(
      .apiserver, .etcd, .request, "TXN", key, detail: "create if absent", body: .object(o))
    let resp = try? etcd.txn(
      compare: [.createRevision(key, .equal, 0)],
      success: [.put(key: key, value: StoredObject(object: o), lease: lease)])
    guard let resp, resp.succeeded else {
      context.record(.etcd, .apiserver, .response, "FAILED", key, detail: "key exists")
      throw .exists
    }
    context.record(.etcd, .apiserver, .response, "OK", key, detail: "rev \(resp.header.revision)")
    return o
  }

  /// Replaces the object if it was not modified since `modRevision`: `txn(mod_revision == X) put`.
  func update(_ key: String, _ object: any KubeObject, expecting modRevision: Int64) throws(WriteError)
    -> any KubeObject
  {
    let rev = etcd.revision + 1
    var o = object
    o.metadata.resourceVersion = String(rev)
    context.record(
      .apiserver, .etcd, .request, "TXN", key, detail: "put if mod_revision=\(modRevision)", body: .object(o))
    let lease = (try? etcd.get(key))??.lease ?? 0
    let resp = try? etcd.txn(
      compare: [.modRevision(key, .equal, modRevision)],
      success: [.put(key: key, value: StoredObject(object: o), lease: lease)])
    guard let resp, resp.succeeded else {
      context.record(.etcd, .apiserver, .response, "FAILED", key, detail: "mod_revision changed")
      throw .conflict
    }
    context.record(.etcd, .apiserver, .response, "OK", key, detail: "rev \(resp.header.revision)")
    return o
  }

  /// Deletes the key if it was not modified since `modRevision`.
  func delete(_ key: String, expecting modRevision: Int64) throws(WriteError) -> Int64 {
    context.record(.apiserver, .etcd, .request, "TXN", key, detail: "delete if mod_revision=\(modRevision)")
    let resp = try? etcd.txn(
      compare: [.modRevision(key, .equal, modRevision)], success: [.deleteRange(key: key)])
    guard let resp, resp.succeeded else {
      context.record(.etcd, .apiserver, .response, "FAILED", key, detail: "mod_revision changed")
      throw .conflict
    }
    context.record(.etcd, .apiserver, .response, "OK", key, detail: "rev \(resp.header.revision)")
    return resp.header.revision
  }

  /// Grants an etcd lease (Events live for `--event-ttl`, one hour).
  func grantLease(ttl: Int64) -> Int64 {
    context.record(.apiserver, .etcd, .request, "LEASE", "grant", detail: "ttl \(ttl)s")
    let id = (try? etcd.grant(ttl: ttl).id) ?? 0
    context.record(.etcd, .apiserver, .response, "OK", "lease \(String(id, radix: 16))", detail: "ttl \(ttl)s")
    return id
  }

  /// Moves etcd's lease clock; expired leases delete their keys (seen later as watch events).
  func advanceClock(toSeconds seconds: Int64) {
    _ = etcd.advance(toSeconds: Double(seconds))
  }

  /// Compacts history older than `revision` (the apiserver does this every five minutes).
  func compact(_ revision: Int64) {
    guard revision > etcd.compactRevision else { return }
    context.record(.apiserver, .etcd, .request, "COMPACT", "rev \(revision)")
    _ = try? etcd.compact(revision)
    context.record(.etcd, .apiserver, .response, "OK", "compacted", detail: "rev \(revision)")
  }

  /// A change etcd's watch reports to the apiserver.
  struct Change {
    let key: String
    let object: (any KubeObject)?
    let previous: (any KubeObject)?
    let revision: Int64
  }

  /// Drains the apiserver's etcd watch on `/registry/`, recording one message per event.
  func drainChanges() -> [Change] {
    let resp = etcd.drainWatch(watchID)
    var changes: [Change] = []
    changes.reserveCapacity(resp.events.count)
    for e in resp.events {
      let isPut = e.type == .put
      context.record(
        .etcd, .apiserver, .watchEvent, isPut ? "PUT" : "DELETE", e.kv.key, detail: "rev \(e.kv.modRevision)")
      changes.append(
        Change(
          key: e.kv.key, object: isPut ? e.kv.value?.object : nil, previous: e.prevKV?.value?.object,
          revision: e.kv.modRevision))
    }
    return changes
  }

  /// A read-only etcdctl over the store, for the learner.
  func etcdctl(_ args: [String]) -> (output: String, exitCode: Int32) {
    Etcdctl(store: etcd).run(args)
  }

  var compactRevision: Int64 { etcd.compactRevision }
}
