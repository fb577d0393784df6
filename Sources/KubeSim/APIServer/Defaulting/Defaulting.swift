// Defaulting: the entry points that fill in upstream's default values (the scheme's SetDefaults_* funcs).

/// A kind with upstream scheme defaults (`SetDefaults_<Kind>` and those of its nested types).
public protocol SchemeDefaultable {
  /// Fills in every default, as the apiserver does when it decodes a request body (and again
  /// whenever it reads an object back).
  mutating func applyDefaults()
}

/// The apiserver's defaulting steps.
///
/// 1. `apply(to:)` — scheme defaults, on every create, update and patch body (upstream runs them
///    in the decoder, and again on every read from storage).
/// 2. `prepareForCreate(_:)` — what each kind's registry strategy fills in on create
///    (pod status Pending and QoS class, namespace finalizer, a Job's generated selector, empty status).
/// 3. `PodAdmissionDefaults` — what the mutating admission plugins add to pods.
public enum Defaulting {
  /// Applies the scheme defaults of `object`'s kind (no-op for kinds without defaults).
  public static func apply<T: KubeObject>(to object: inout T) {
    guard var d = object as? any SchemeDefaultable else { return }
    d.applyDefaults()
    object = d as! T
  }

  /// Type-erased `apply(to:)`.
  public static func applied(_ object: any KubeObject) -> any KubeObject {
    var o = object
    apply(to: &o)
    return o
  }

  private static func apply(to object: inout any KubeObject) {
    func open<T: KubeObject>(_ value: T) -> any KubeObject {
      var v = value
      apply(to: &v)
      return v
    }
    object = open(object)
  }

  /// The registry strategies' `PrepareForCreate` fill-ins, after `metadata.uid` and
  /// `creationTimestamp` are assigned:
  /// - Pod: `status = {phase: Pending, qosClass: …}`;
  /// - Namespace: the `kubernetes` finalizer and `status.phase: Active`;
  /// - Job: the selector and template labels generated from the uid (unless `manualSelector`),
  ///   then the Job's labels default to the template's;
  /// - Deployment, ReplicaSet, DaemonSet, Job: empty status and `metadata.generation = 1`;
  /// - Service: empty status.
  ///
  /// Scheme defaults are applied first (they are idempotent), so the QoS class sees requests
  /// defaulted from limits whatever order the caller runs the steps in.
  public static func prepareForCreate(_ object: any KubeObject) -> any KubeObject {
    switch applied(object) {
    case var pod as Pod:
      pod.status = PodStatus(phase: PodPhase.pending)
      pod.status.qosClass = pod.qosClass
      return pod
    case var ns as Namespace:
      NamespaceDefaults.prepareForCreate(&ns)
      return ns
    case var job as Job:
      job.status = JobStatus()
      job.metadata.generation = 1
      JobDefaults.generateSelectorIfNeeded(&job)
      return job
    case var d as Deployment:
      d.status = DeploymentStatus()
      d.metadata.generation = 1
      return d
    case var rs as ReplicaSet:
      rs.status = ReplicaSetStatus()
      rs.metadata.generation = 1
      return rs
    case var ds as DaemonSet:
      ds.status = DaemonSetStatus()
      ds.metadata.generation = 1
      return ds
    case var svc as Service:
      svc.status = ServiceStatus()
      return svc
    case let other:
      return other
    }
  }
}
