// Validation: the entry points the apiserver calls before it persists a create or an update.

/// Upstream's per-kind `Validate` / `ValidateUpdate` strategies, type-erased.
///
/// Call after defaulting (and after `Defaulting.prepareForCreate` on create). An empty list means
/// valid; otherwise answer `Status.invalid(object, errors:)` (422, reason Invalid).
public enum Validation {
  /// The field errors of `object` as created.
  public static func validateCreate(_ object: any KubeObject) -> [FieldError] {
    switch object {
    case let o as Pod: return PodValidation.validate(o)
    case let o as Deployment: return WorkloadValidation.validate(o)
    case let o as ReplicaSet: return WorkloadValidation.validate(o)
    case let o as DaemonSet: return WorkloadValidation.validate(o)
    case let o as Job: return JobValidation.validate(o)
    case let o as Service: return ServiceValidation.validate(o)
    case let o as Namespace: return CoreKindValidation.validate(o)
    case let o as Node: return CoreKindValidation.validate(o)
    case let o as ConfigMap: return CoreKindValidation.validate(o)
    case let o as Secret: return CoreKindValidation.validate(o)
    case let o as Role: return RBACValidation.validate(o)
    case let o as ClusterRole: return RBACValidation.validate(o)
    case let o as RoleBinding: return RBACValidation.validate(o)
    case let o as ClusterRoleBinding: return RBACValidation.validate(o)
    default: return CoreKindValidation.validateSubdomainNamed(object)
    }
  }

  /// The field errors of replacing `old` by `new` (same kind): the new object's validity plus the
  /// immutable-field rules.
  public static func validateUpdate(_ new: any KubeObject, old: any KubeObject) -> [FieldError] {
    switch (new, old) {
    case let (n as Pod, o as Pod): return PodValidation.validateUpdate(n, o)
    case let (n as Deployment, o as Deployment): return WorkloadValidation.validateUpdate(n, o)
    case let (n as ReplicaSet, o as ReplicaSet): return WorkloadValidation.validateUpdate(n, o)
    case let (n as DaemonSet, o as DaemonSet): return WorkloadValidation.validateUpdate(n, o)
    case let (n as Job, o as Job): return JobValidation.validateUpdate(n, o)
    case let (n as Service, o as Service): return ServiceValidation.validateUpdate(n, o)
    case let (n as ConfigMap, o as ConfigMap): return CoreKindValidation.validateUpdate(n, o)
    case let (n as Secret, o as Secret): return CoreKindValidation.validateUpdate(n, o)
    case let (n as RoleBinding, o as RoleBinding): return RBACValidation.validateUpdate(n, o)
    case let (n as ClusterRoleBinding, o as ClusterRoleBinding): return RBACValidation.validateUpdate(n, o)
    default: return MetaValidation.validateObjectMetaUpdate(new.metadata, old.metadata) + validateCreate(new)
    }
  }

  /// The 422 Invalid Status for a create, or nil when `object` is valid.
  public static func invalidStatus(creating object: any KubeObject) -> Status? {
    let errs = validateCreate(object)
    return errs.isEmpty ? nil : Status.invalid(object, errors: errs)
  }

  /// The 422 Invalid Status for an update, or nil when it is valid.
  public static func invalidStatus(updating new: any KubeObject, from old: any KubeObject) -> Status? {
    let errs = validateUpdate(new, old: old)
    return errs.isEmpty ? nil : Status.invalid(new, errors: errs)
  }
}
