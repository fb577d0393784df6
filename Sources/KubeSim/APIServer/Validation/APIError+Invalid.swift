// APIError+Invalid: the apiserver's 422 answer built from field errors (upstream NewInvalid, with causes).

extension APIError {
  /// 422 Invalid from validation's field errors: upstream's message (duplicates dropped, brackets
  /// for several) and `details` with kind, group, name and one cause per error.
  public static func invalid(_ r: ResourceType, _ name: String, _ errors: [FieldError]) -> APIError {
    let status = Status.invalid(kind: r.kind, group: r.group, name: name, errors: errors)
    var details: JSON = ["kind": .string(r.kind), "name": .string(name)]
    if !r.group.isEmpty { details["group"] = .string(r.group) }
    details["causes"] = .array(
      errors.map { ["reason": .string($0.type.causeType), "message": .string($0.body), "field": .string($0.field)] })
    return APIError(code: 422, reason: StatusReason.invalid, message: status.message, details: details)
  }
}

extension Validation {
  /// Same as `validateCreate(_:)`.
  public static func validate(_ object: any KubeObject) -> [FieldError] { validateCreate(object) }
}
