// WorkloadValidation: apps/v1 Deployment, ReplicaSet and DaemonSet validation (pkg/apis/apps/validation).

/// Upstream apps validation.
public enum WorkloadValidation {
  public static func validate(_ d: Deployment) -> [FieldError] {
    var errs = MetaValidation.validateObjectMeta(
      d.metadata, namespaced: true, nameRule: NameValidation.nameIsDNSSubdomain)
    let spec = d.spec
    let path: FieldPath = "spec"
    errs += MetaValidation.validateNonnegative(spec.replicas ?? 0, path.child("replicas"))
    errs += validateSelector(spec.selector, path.child("selector"), kind: "deployment")
    errs += validateTemplateForReplicaSet(
      spec.template, selector: spec.selector, path.child("template"), kind: "ReplicaSet")
    errs += validateStrategy(spec.strategy, path.child("strategy"))
    errs += MetaValidation.validateNonnegative(spec.minReadySeconds ?? 0, path.child("minReadySeconds"))
    if let r = spec.revisionHistoryLimit {
      errs += MetaValidation.validateNonnegative(r, path.child("revisionHistoryLimit"))
    }
    if let p = spec.progressDeadlineSeconds {
      errs += MetaValidation.validateNonnegative(p, path.child("progressDeadlineSeconds"))
      if p <= (spec.minReadySeconds ?? 0) {
        errs.append(
          .invalid(path.child("progressDeadlineSeconds"), .integer(p), "must be greater than minReadySeconds"))
      }
    }
    return errs
  }

  public static func validate(_ rs: ReplicaSet) -> [FieldError] {
    var errs = MetaValidation.validateObjectMeta(
      rs.metadata, namespaced: true, nameRule: NameValidation.nameIsDNSSubdomain)
    let path: FieldPath = "spec"
    errs += MetaValidation.validateNonnegative(rs.spec.replicas ?? 0, path.child("replicas"))
    errs += MetaValidation.validateNonnegative(rs.spec.minReadySeconds ?? 0, path.child("minReadySeconds"))
    // Upstream's ReplicaSet check says "for deployment" too.
    errs += validateSelector(rs.spec.selector, path.child("selector"), kind: "deployment")
    errs += validateTemplateForReplicaSet(
      rs.spec.template, selector: rs.spec.selector, path.child("template"), kind: "ReplicaSet")
    return errs
  }

  public static func validate(_ ds: DaemonSet) -> [FieldError] {
    var errs = MetaValidation.validateObjectMeta(
      ds.metadata, namespaced: true, nameRule: NameValidation.nameIsDNSSubdomain)
    let spec = ds.spec
    let path: FieldPath = "spec"
    errs += validateSelector(spec.selector, path.child("selector"), kind: "daemonset")
    if let selector = try? spec.selector.asSelector(), !selector.isEmpty, !selector.matches(spec.template.labels) {
      errs.append(
        .invalid(
          path.child("template", "metadata", "labels"), .goSyntax(GoSyntax.stringMap(spec.template.metadata.labels)),
          "`selector` does not match template `labels`"))
    }
    errs += PodTemplateValidation.validate(spec.template, path.child("template"))
    if spec.template.spec.restartPolicy != RestartPolicy.always {
      errs.append(
        .notSupported(
          path.child("template", "spec", "restartPolicy"), .string(spec.template.spec.restartPolicy),
          [RestartPolicy.always]))
    }
    if spec.template.spec.activeDeadlineSeconds != nil {
      errs.append(
        .forbidden(
          path.child("template", "spec", "activeDeadlineSeconds"), "activeDeadlineSeconds in DaemonSet is not Supported"
        ))
    }
    errs += MetaValidation.validateNonnegative(spec.minReadySeconds ?? 0, path.child("minReadySeconds"))
    errs += validateDaemonSetStrategy(spec.updateStrategy, path.child("updateStrategy"))
    if let r = spec.revisionHistoryLimit {
      errs += MetaValidation.validateNonnegative(r, path.child("revisionHistoryLimit"))
    }
    return errs
  }

  // MARK: - Updates: selectors are immutable in apps/v1

  public static func validateUpdate(_ new: Deployment, _ old: Deployment) -> [FieldError] {
    MetaValidation.validateObjectMetaUpdate(new.metadata, old.metadata) + validate(new)
      + immutableSelector(new.spec.selector, old.spec.selector)
  }
  public static func validateUpdate(_ new: ReplicaSet, _ old: ReplicaSet) -> [FieldError] {
    MetaValidation.validateObjectMetaUpdate(new.metadata, old.metadata) + validate(new)
      + immutableSelector(new.spec.selector, old.spec.selector)
  }
  public static func validateUpdate(_ new: DaemonSet, _ old: DaemonSet) -> [FieldError] {
    MetaValidation.validateObjectMetaUpdate(new.metadata, old.metadata) + validate(new)
      + immutableSelector(new.spec.selector, old.spec.selector)
  }

  static func immutableSelector(_ new: LabelSelector?, _ old: LabelSelector?) -> [FieldError] {
    MetaValidation.validateImmutable(new, old, "spec.selector", rendered: .goSyntax(GoSyntax.labelSelector(new)))
  }

  // MARK: - Shared pieces

  /// The selector checks of Deployment/ReplicaSet/DaemonSet specs: required, valid, not empty.
  static func validateSelector(_ selector: LabelSelector?, _ path: FieldPath, kind: String) -> [FieldError] {
    guard let selector else { return [.required(path)] }
    var errs = MetaValidation.validateLabelSelector(selector, path)
    if (selector.matchLabels ?? [:]).isEmpty && (selector.matchExpressions ?? []).isEmpty {
      errs.append(.invalid(path, .goSyntax(GoSyntax.labelSelector(selector)), "empty selector is invalid for \(kind)"))
    }
    return errs
  }

  /// Upstream `ValidatePodTemplateSpecForReplicaSet`: the selector must match the template's labels
  /// (a nil selector matches nothing), the template must be valid, restartPolicy Always, no
  /// activeDeadlineSeconds.
  static func validateTemplateForReplicaSet(
    _ template: PodTemplateSpec, selector: LabelSelector?, _ path: FieldPath, kind: String
  ) -> [FieldError] {
    var errs: [FieldError] = []
    guard let sel = try? selector.asSelector() else {
      return [
        .invalid(
          path.deletingLastChild("selector"), .goSyntax(GoSyntax.labelSelector(selector)), "invalid label selector")
      ]
    }
    if !sel.isEmpty && !sel.matches(template.labels) {
      errs.append(
        .invalid(
          path.child("metadata", "labels"), .goSyntax(GoSyntax.stringMap(template.metadata.labels)),
          "`selector` does not match template `labels`"))
    }
    errs += PodTemplateValidation.validate(template, path)
    if template.spec.restartPolicy != RestartPolicy.always {
      errs.append(
        .notSupported(path.child("spec", "restartPolicy"), .string(template.spec.restartPolicy), [RestartPolicy.always])
      )
    }
    if template.spec.activeDeadlineSeconds != nil {
      errs.append(
        .forbidden(path.child("spec", "activeDeadlineSeconds"), "activeDeadlineSeconds in \(kind) is not Supported"))
    }
    return errs
  }

  static func validateStrategy(_ s: DeploymentStrategy, _ path: FieldPath) -> [FieldError] {
    switch s.type {
    case DeploymentStrategyType.recreate:
      if s.rollingUpdate != nil {
        return [.forbidden(path.child("rollingUpdate"), "may not be specified when strategy `type` is 'Recreate'")]
      }
      return []
    case DeploymentStrategyType.rollingUpdate:
      guard let ru = s.rollingUpdate else {
        return [.required(path.child("rollingUpdate"), "this should be defaulted and never be nil")]
      }
      let p = path.child("rollingUpdate")
      var errs = validatePositiveIntOrPercent(ru.maxUnavailable, p.child("maxUnavailable"))
      errs += validatePositiveIntOrPercent(ru.maxSurge, p.child("maxSurge"))
      if intOrPercentValue(ru.maxUnavailable) == 0 && intOrPercentValue(ru.maxSurge) == 0 {
        errs.append(
          .invalid(
            p.child("maxUnavailable"), .goSyntax(GoSyntax.intOrString(ru.maxUnavailable)),
            "may not be 0 when `maxSurge` is 0"))
      }
      errs += notMoreThan100Percent(ru.maxUnavailable, p.child("maxUnavailable"))
      return errs
    default:
      let rendered =
        "apps.DeploymentStrategy{Type:\(GoSyntax.quote(s.type)), RollingUpdate:(*apps.RollingUpdateDeployment)(nil)}"
      return [.notSupported(path, .goSyntax(rendered), DeploymentStrategyType.all)]
    }
  }

  static func validateDaemonSetStrategy(_ s: DaemonSetUpdateStrategy, _ path: FieldPath) -> [FieldError] {
    switch s.type {
    case DaemonSetUpdateStrategyType.onDelete:
      return []
    case DaemonSetUpdateStrategyType.rollingUpdate:
      guard let ru = s.rollingUpdate else { return [.required(path.child("rollingUpdate"))] }
      let p = path.child("rollingUpdate")
      var errs = validatePositiveIntOrPercent(ru.maxUnavailable, p.child("maxUnavailable"))
      errs += validatePositiveIntOrPercent(ru.maxSurge, p.child("maxSurge"))
      if intOrPercentValue(ru.maxUnavailable) == 0 && intOrPercentValue(ru.maxSurge) == 0 {
        errs.append(
          .invalid(
            p.child("maxUnavailable"), .goSyntax(GoSyntax.intOrString(ru.maxUnavailable)),
            "may not be 0 when `maxSurge` is 0"))
      }
      errs += notMoreThan100Percent(ru.maxUnavailable, p.child("maxUnavailable"))
      errs += notMoreThan100Percent(ru.maxSurge, p.child("maxSurge"))
      return errs
    default:
      let rendered =
        "apps.DaemonSetUpdateStrategy{Type:\(GoSyntax.quote(s.type)), RollingUpdate:(*apps.RollingUpdateDaemonSet)(nil)}"
      return [
        .notSupported(
          path, .goSyntax(rendered), [DaemonSetUpdateStrategyType.rollingUpdate, DaemonSetUpdateStrategyType.onDelete])
      ]
    }
  }

  static let percentMessage =
    "a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')"

  /// Upstream `ValidatePositiveIntOrPercent`.
  static func validatePositiveIntOrPercent(_ v: IntOrString?, _ path: FieldPath) -> [FieldError] {
    switch v {
    case .string(let s)?:
      let digits = s.dropLast()
      if !s.hasSuffix("%") || digits.isEmpty || !digits.allSatisfy(\.isASCII) || Int(digits) == nil
        || digits.contains("-")
        || digits.contains("+")
      {
        return [.invalid(path, .goSyntax(GoSyntax.intOrString(v)), percentMessage)]
      }
      return []
    case .int(let i)?:
      return MetaValidation.validateNonnegative(i, path)
    case nil:
      return []
    }
  }

  /// Upstream `getIntOrPercentValue` (a malformed percentage counts as 0).
  static func intOrPercentValue(_ v: IntOrString?) -> Int {
    switch v {
    case .int(let i)?: return i
    case .string(let s)?: return Int(s.dropLast()) ?? 0
    case nil: return 0
    }
  }

  /// Upstream `IsNotMoreThan100Percent`.
  static func notMoreThan100Percent(_ v: IntOrString?, _ path: FieldPath) -> [FieldError] {
    guard case .string(let s)? = v, let p = Int(s.dropLast()), s.hasSuffix("%"), p > 100 else { return [] }
    return [.invalid(path, .goSyntax(GoSyntax.intOrString(v)), "must not be greater than 100%")]
  }
}

/// Upstream `ValidatePodTemplateSpec`: the template's labels and annotations and its pod spec.
public enum PodTemplateValidation {
  public static func validate(_ template: PodTemplateSpec, _ path: FieldPath) -> [FieldError] {
    var errs = MetaValidation.validateLabels(template.metadata.labels ?? [:], path.child("labels"))
    errs += MetaValidation.validateAnnotations(template.metadata.annotations ?? [:], path.child("annotations"))
    errs += PodSpecValidation.validate(template.spec, path.child("spec"))
    if !template.spec.ephemeralContainers.isEmpty {
      errs.append(
        .forbidden(path.child("spec", "ephemeralContainers"), "ephemeral containers not allowed in pod template"))
    }
    return errs
  }
}

extension FieldPath {
  /// The parent of a path ending in `.name` (`spec.template` → `spec.selector` helper).
  func deletingLastChild(_ replacement: String) -> FieldPath {
    guard let dot = description.lastIndex(of: ".") else { return FieldPath(replacement) }
    return FieldPath(String(description[..<dot])).child(replacement)
  }
}

extension GoSyntax {
  /// `%#v` of an `intstr.IntOrString` value (`Type:0` int, `Type:1` string).
  public static func intOrString(_ v: IntOrString?) -> String {
    switch v {
    case .int(let i)?: return "intstr.IntOrString{Type:0, IntVal:\(i), StrVal:\"\"}"
    case .string(let s)?: return "intstr.IntOrString{Type:1, IntVal:0, StrVal:\(quote(s))}"
    case nil: return "null"
    }
  }
}
