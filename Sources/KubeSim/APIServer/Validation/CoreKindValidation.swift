// CoreKindValidation: validation of the smaller core, coordination and discovery kinds.

public enum CoreKindValidation {
  /// Namespaces: a DNS-1123 label name.
  public static func validate(_ ns: Namespace) -> [FieldError] {
    MetaValidation.validateObjectMeta(ns.metadata, namespaced: false, nameRule: NameValidation.nameIsDNSLabel)
  }

  /// Nodes: a DNS subdomain name and valid, unique taints.
  public static func validate(_ node: Node) -> [FieldError] {
    var errs = MetaValidation.validateObjectMeta(
      node.metadata, namespaced: false, nameRule: NameValidation.nameIsDNSSubdomain)
    var seen: Set<String> = []
    for (i, t) in node.spec.taints.enumerated() {
      let p = FieldPath("spec").child("taints").index(i)
      errs += MetaValidation.validateLabelName(t.key, p.child("key"))
      for msg in NameValidation.isValidLabelValue(t.value) {
        errs.append(.invalid(p.child("value"), .string(t.value), msg))
      }
      if t.effect.isEmpty {
        errs.append(.required(p.child("effect")))
      } else {
        errs += PodSpecValidation.validateTaintEffect(t.effect, p.child("effect"))
      }
      if !seen.insert(t.effect + "\u{0}" + t.key).inserted {
        errs.append(FieldError(.duplicate, p, .goSyntax(goSyntax(t)), "taints must be unique by key and effect pair"))
      }
    }
    return errs
  }

  static func goSyntax(_ t: Taint) -> String {
    "core.Taint{Key:\(GoSyntax.quote(t.key)), Value:\(GoSyntax.quote(t.value)), Effect:\(GoSyntax.quote(t.effect)), TimeAdded:<nil>}"
  }

  static let configKeyMessage =
    "a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')"

  /// Upstream `IsConfigMapKey`.
  static func configKeyErrors(_ key: String) -> [String] {
    var errs: [String] = []
    if key.utf8.count > 253 { errs.append("must be no more than 253 characters") }
    let ok =
      !key.isEmpty
      && key.utf8.allSatisfy {
        ($0 >= 48 && $0 <= 57) || ($0 >= 65 && $0 <= 90) || ($0 >= 97 && $0 <= 122) || $0 == 45 || $0 == 46 || $0 == 95
      }
    if !ok { errs.append(configKeyMessage) }
    if key == "." {
      errs.append("must not be '.'")
    } else if key == ".." {
      errs.append("must not be '..'")
    } else if key.hasPrefix("..") {
      errs.append("must not start with '..'")
    }
    return errs
  }

  static func validateKeys(_ keys: [String], _ path: FieldPath) -> [FieldError] {
    keys.sorted().flatMap { key in configKeyErrors(key).map { FieldError.invalid(path.key(key), .string(key), $0) } }
  }

  public static func validate(_ cm: ConfigMap) -> [FieldError] {
    var errs = MetaValidation.validateObjectMeta(
      cm.metadata, namespaced: true, nameRule: NameValidation.nameIsDNSSubdomain)
    errs += validateKeys(Array(cm.data.keys), FieldPath("data"))
    errs += validateKeys(Array(cm.binaryData.keys), FieldPath("binaryData"))
    for key in cm.data.keys.sorted() where cm.binaryData[key] != nil {
      errs.append(.invalid(FieldPath("data").key(key), .string(key), "duplicate of key present in binaryData"))
    }
    return errs
  }

  public static func validate(_ secret: Secret) -> [FieldError] {
    var errs = MetaValidation.validateObjectMeta(
      secret.metadata, namespaced: true, nameRule: NameValidation.nameIsDNSSubdomain)
    errs += validateKeys(Array(secret.data.keys), FieldPath("data"))
    return errs
  }

  /// Names checked as DNS subdomains, nothing else (ServiceAccount, Lease, Event, Endpoints, EndpointSlice).
  public static func validateSubdomainNamed(_ object: any KubeObject) -> [FieldError] {
    MetaValidation.validateObjectMeta(
      object.metadata, namespaced: type(of: object).resource.namespaced, nameRule: NameValidation.nameIsDNSSubdomain)
  }

  /// Immutable ConfigMaps and Secrets (`immutable: true`) reject data changes.
  static func immutableData<T: Equatable>(wasImmutable: Bool?, _ new: T, _ old: T, _ path: FieldPath) -> [FieldError] {
    guard wasImmutable == true, new != old else { return [] }
    return [.forbidden(path, "field is immutable when `immutable` is set")]
  }

  public static func validateUpdate(_ new: ConfigMap, _ old: ConfigMap) -> [FieldError] {
    var errs = MetaValidation.validateObjectMetaUpdate(new.metadata, old.metadata) + validate(new)
    if old.immutable == true && new.immutable != true {
      errs.append(.forbidden(FieldPath("immutable"), "field is immutable when `immutable` is set"))
    }
    errs += immutableData(wasImmutable: old.immutable, new.data, old.data, FieldPath("data"))
    errs += immutableData(wasImmutable: old.immutable, new.binaryData, old.binaryData, FieldPath("binaryData"))
    return errs
  }

  public static func validateUpdate(_ new: Secret, _ old: Secret) -> [FieldError] {
    var errs = MetaValidation.validateObjectMetaUpdate(new.metadata, old.metadata) + validate(new)
    errs += MetaValidation.validateImmutable(new.type, old.type, FieldPath("type"), rendered: .string(new.type))
    if old.immutable == true && new.immutable != true {
      errs.append(.forbidden(FieldPath("immutable"), "field is immutable when `immutable` is set"))
    }
    errs += immutableData(wasImmutable: old.immutable, new.data, old.data, FieldPath("data"))
    return errs
  }
}
