// RBACValidation: rbac.authorization.k8s.io/v1 Role, ClusterRole and binding validation (pkg/apis/rbac/validation).

public enum RBACValidation {
  /// Upstream `ValidateRBACName` (`path.IsValidPathSegmentName`).
  public static func nameRule(_ name: String, _ prefix: Bool) -> [String] {
    if prefix {
      return name.contains("/") ? ["may not contain '/'"] : name.contains("%") ? ["may not contain '%'"] : []
    }
    if name == "." || name == ".." { return ["may not be '\(name)'"] }
    var errs: [String] = []
    if name.contains("/") { errs.append("may not contain '/'") }
    if name.contains("%") { errs.append("may not contain '%'") }
    return errs
  }

  static func validateRules(_ rules: [PolicyRule], namespaced: Bool) -> [FieldError] {
    var errs: [FieldError] = []
    for (i, rule) in rules.enumerated() {
      let p = FieldPath("rules").index(i)
      if rule.verbs.isEmpty { errs.append(.required(p.child("verbs"), "verbs must contain at least one value")) }
      if !rule.nonResourceURLs.isEmpty {
        let urls = BadValue.goSyntax(GoSyntax.stringSlice(rule.nonResourceURLs))
        if namespaced {
          errs.append(.invalid(p.child("nonResourceURLs"), urls, "namespaced rules cannot apply to non-resource URLs"))
        }
        if !rule.apiGroups.isEmpty || !rule.resources.isEmpty || !rule.resourceNames.isEmpty {
          errs.append(
            .invalid(
              p.child("nonResourceURLs"), urls, "rules cannot apply to both regular resources and non-resource URLs"))
        }
        continue
      }
      if rule.apiGroups.isEmpty {
        errs.append(.required(p.child("apiGroups"), "resource rules must supply at least one api group"))
      }
      if rule.resources.isEmpty {
        errs.append(.required(p.child("resources"), "resource rules must supply at least one resource"))
      }
    }
    return errs
  }

  public static func validate(_ role: Role) -> [FieldError] {
    MetaValidation.validateObjectMeta(role.metadata, namespaced: true, nameRule: nameRule)
      + validateRules(role.rules, namespaced: true)
  }

  public static func validate(_ role: ClusterRole) -> [FieldError] {
    MetaValidation.validateObjectMeta(role.metadata, namespaced: false, nameRule: nameRule)
      + validateRules(role.rules, namespaced: false)
  }

  public static func validate(_ b: RoleBinding) -> [FieldError] {
    var errs = MetaValidation.validateObjectMeta(b.metadata, namespaced: true, nameRule: nameRule)
    errs += validateRoleRef(b.roleRef, allowedKinds: ["Role", "ClusterRole"])
    errs += validateSubjects(b.subjects, bindingIsNamespaced: true)
    return errs
  }

  public static func validate(_ b: ClusterRoleBinding) -> [FieldError] {
    var errs = MetaValidation.validateObjectMeta(b.metadata, namespaced: false, nameRule: nameRule)
    errs += validateRoleRef(b.roleRef, allowedKinds: ["ClusterRole"])
    errs += validateSubjects(b.subjects, bindingIsNamespaced: false)
    return errs
  }

  static func validateRoleRef(_ ref: RoleRef, allowedKinds: [String]) -> [FieldError] {
    var errs: [FieldError] = []
    let p = FieldPath("roleRef")
    if ref.apiGroup != RBACNames.group {
      errs.append(.notSupported(p.child("apiGroup"), .string(ref.apiGroup), [RBACNames.group]))
    }
    if !allowedKinds.contains(ref.kind) { errs.append(.notSupported(p.child("kind"), .string(ref.kind), allowedKinds)) }
    if ref.name.isEmpty {
      errs.append(.required(p.child("name")))
    } else {
      errs += nameRule(ref.name, false).map { .invalid(p.child("name"), .string(ref.name), $0) }
    }
    return errs
  }

  static func validateSubjects(_ subjects: [Subject], bindingIsNamespaced: Bool) -> [FieldError] {
    var errs: [FieldError] = []
    for (i, s) in subjects.enumerated() {
      let p = FieldPath("subjects").index(i)
      if s.name.isEmpty { errs.append(.required(p.child("name"))) }
      switch s.kind {
      case RBACNames.serviceAccountKind:
        if !s.name.isEmpty {
          errs += NameValidation.nameIsDNSSubdomain(s.name, prefix: false).map {
            .invalid(p.child("name"), .string(s.name), $0)
          }
        }
        if !s.apiGroup.isEmpty { errs.append(.notSupported(p.child("apiGroup"), .string(s.apiGroup), [""])) }
        if !bindingIsNamespaced && s.namespace.isEmpty { errs.append(.required(p.child("namespace"))) }
      case RBACNames.userKind, RBACNames.groupKind:
        if s.apiGroup != RBACNames.group {
          errs.append(.notSupported(p.child("apiGroup"), .string(s.apiGroup), [RBACNames.group]))
        }
      default:
        errs.append(
          .notSupported(
            p.child("kind"), .string(s.kind), [RBACNames.serviceAccountKind, RBACNames.userKind, RBACNames.groupKind]))
      }
    }
    return errs
  }

  /// Bindings may not change their roleRef: `roleRef: Invalid value: …: cannot change roleRef`.
  static func validateRoleRefUpdate(_ new: RoleRef, _ old: RoleRef) -> [FieldError] {
    guard new != old else { return [] }
    let rendered =
      "rbac.RoleRef{APIGroup:\(GoSyntax.quote(new.apiGroup)), Kind:\(GoSyntax.quote(new.kind)), Name:\(GoSyntax.quote(new.name))}"
    return [.invalid(FieldPath("roleRef"), .goSyntax(rendered), "cannot change roleRef")]
  }

  public static func validateUpdate(_ new: RoleBinding, _ old: RoleBinding) -> [FieldError] {
    MetaValidation.validateObjectMetaUpdate(new.metadata, old.metadata) + validate(new)
      + validateRoleRefUpdate(new.roleRef, old.roleRef)
  }

  public static func validateUpdate(_ new: ClusterRoleBinding, _ old: ClusterRoleBinding) -> [FieldError] {
    MetaValidation.validateObjectMetaUpdate(new.metadata, old.metadata) + validate(new)
      + validateRoleRefUpdate(new.roleRef, old.roleRef)
  }
}
