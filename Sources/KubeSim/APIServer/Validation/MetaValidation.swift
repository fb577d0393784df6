// MetaValidation: checks every object shares — metadata, labels, annotations, label selectors, numbers (apimachinery validation).

/// Upstream's shared validators (apimachinery `ValidateObjectMeta`, `ValidateLabels`, …).
public enum MetaValidation {
  public static let isNegativeErrorMessage = "must be greater than or equal to 0"
  public static let fieldImmutableErrorMessage = "field is immutable"
  /// Upstream `TotalAnnotationSizeLimitB`.
  public static let totalAnnotationSizeLimit = 256 * 1024

  /// A name rule: the error strings for `name`, or for a `generateName` prefix.
  public typealias NameRule = (_ name: String, _ prefix: Bool) -> [String]

  /// Upstream `ValidateObjectMeta`: name (or generateName) by `nameRule`, namespace required for
  /// namespaced kinds and forbidden otherwise, generation, labels, annotations.
  public static func validateObjectMeta(
    _ meta: ObjectMeta, namespaced: Bool, nameRule: NameRule, path: FieldPath = "metadata"
  ) -> [FieldError] {
    var errs: [FieldError] = []
    if !meta.generateName.isEmpty {
      for msg in nameRule(meta.generateName, true) {
        errs.append(.invalid(path.child("generateName"), .string(meta.generateName), msg))
      }
    }
    if meta.name.isEmpty {
      errs.append(.required(path.child("name"), "name or generateName is required"))
    } else {
      for msg in nameRule(meta.name, false) { errs.append(.invalid(path.child("name"), .string(meta.name), msg)) }
    }
    if namespaced {
      if meta.namespace.isEmpty {
        errs.append(.required(path.child("namespace")))
      } else {
        for msg in NameValidation.nameIsDNSLabel(meta.namespace, prefix: false) {
          errs.append(.invalid(path.child("namespace"), .string(meta.namespace), msg))
        }
      }
    } else if !meta.namespace.isEmpty {
      errs.append(.forbidden(path.child("namespace"), "not allowed on this type"))
    }
    if let g = meta.generation, g < 0 {
      errs.append(.invalid(path.child("generation"), .int(g), isNegativeErrorMessage))
    }
    errs += validateLabels(meta.labels ?? [:], path.child("labels"))
    errs += validateAnnotations(meta.annotations ?? [:], path.child("annotations"))
    return errs
  }

  /// Upstream `ValidateLabelName`: a qualified name.
  public static func validateLabelName(_ name: String, _ path: FieldPath) -> [FieldError] {
    NameValidation.isQualifiedName(name).map { .invalid(path, .string(name), $0) }
  }

  /// Upstream `ValidateLabels` (keys sorted here; the errors name the map's path, not the key).
  public static func validateLabels(_ labels: [String: String], _ path: FieldPath) -> [FieldError] {
    var errs: [FieldError] = []
    for key in labels.keys.sorted() {
      errs += validateLabelName(key, path)
      for msg in NameValidation.isValidLabelValue(labels[key]!) {
        errs.append(.invalid(path, .string(labels[key]!), msg))
      }
    }
    return errs
  }

  /// Upstream `ValidateAnnotations`: keys are qualified names (checked lowercased) and the total
  /// size is at most 256 KiB.
  public static func validateAnnotations(_ annotations: [String: String], _ path: FieldPath) -> [FieldError] {
    var errs: [FieldError] = []
    var total = 0
    for key in annotations.keys.sorted() {
      for msg in NameValidation.isQualifiedName(key.lowercased()) { errs.append(.invalid(path, .string(key), msg)) }
      total += key.utf8.count + annotations[key]!.utf8.count
    }
    if total > totalAnnotationSizeLimit {
      errs.append(FieldError(.tooLong, path, .string(""), "must have at most \(totalAnnotationSizeLimit) bytes"))
    }
    return errs
  }

  /// Upstream `ValidateLabelSelector` (strict: label values in selectors must be valid).
  public static func validateLabelSelector(_ selector: LabelSelector?, _ path: FieldPath) -> [FieldError] {
    guard let selector else { return [] }
    var errs: [FieldError] = []
    for (i, r) in (selector.matchExpressions ?? []).enumerated() {
      let p = path.child("matchExpressions").index(i)
      let values = r.values ?? []
      switch r.operator {
      case "In", "NotIn":
        if values.isEmpty {
          errs.append(.required(p.child("values"), "must be specified when `operator` is 'In' or 'NotIn'"))
        }
      case "Exists", "DoesNotExist":
        if !values.isEmpty {
          errs.append(
            .forbidden(p.child("values"), "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"))
        }
      default:
        errs.append(.invalid(p.child("operator"), .string(r.operator), "not a valid selector operator"))
      }
      errs += validateLabelName(r.key, p.child("key"))
      for (j, v) in values.enumerated() {
        for msg in NameValidation.isValidLabelValue(v) {
          errs.append(.invalid(p.child("values").index(j), .string(v), msg))
        }
      }
    }
    errs += validateLabels(selector.matchLabels ?? [:], path.child("matchLabels"))
    return errs
  }

  /// Upstream `ValidateNonnegativeField`.
  public static func validateNonnegative<I: BinaryInteger>(_ value: I, _ path: FieldPath) -> [FieldError] {
    value < 0 ? [.invalid(path, .integer(value), isNegativeErrorMessage)] : []
  }

  /// Upstream `ValidateImmutableField`, with the new value already rendered as Go prints it.
  public static func validateImmutable<T: Equatable>(_ new: T, _ old: T, _ path: FieldPath, rendered: BadValue)
    -> [FieldError]
  {
    new == old ? [] : [.invalid(path, rendered, fieldImmutableErrorMessage)]
  }

  /// Upstream `ValidateObjectMetaUpdate`'s immutability checks (name, namespace, a given uid); the
  /// labels and annotations are checked by the create validation that update validation includes.
  public static func validateObjectMetaUpdate(_ new: ObjectMeta, _ old: ObjectMeta, path: FieldPath = "metadata")
    -> [FieldError]
  {
    var errs: [FieldError] = []
    errs += validateImmutable(new.name, old.name, path.child("name"), rendered: .string(new.name))
    errs += validateImmutable(new.namespace, old.namespace, path.child("namespace"), rendered: .string(new.namespace))
    if !new.uid.isEmpty {
      errs += validateImmutable(new.uid, old.uid, path.child("uid"), rendered: .string(new.uid))
    }
    return errs
  }
}
