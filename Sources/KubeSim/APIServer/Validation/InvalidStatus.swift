// InvalidStatus: turning a list of field errors into the apiserver's 422 Invalid Status (upstream NewInvalid).

extension Array where Element == FieldError {
  /// Upstream `ErrorList.ToAggregate().Error()`: duplicates dropped; one error bare, several as
  /// `[a, b]`. Nil when empty.
  public var aggregateMessage: String? {
    var seen: Set<String> = []
    var messages: [String] = []
    for e in self where seen.insert(e.description).inserted { messages.append(e.description) }
    if messages.isEmpty { return nil }
    return messages.count == 1 ? messages[0] : "[" + messages.joined(separator: ", ") + "]"
  }
}

extension Status {
  /// Upstream `errors.NewInvalid`: code 422, reason `Invalid`, one cause per error, and the message
  /// `Deployment.apps "web" is invalid: [spec.replicas: …, …]` (a single error without brackets).
  public static func invalid(kind: String, group: String, name: String, errors: [FieldError]) -> Status {
    let qualified = group.isEmpty ? kind : "\(kind).\(group)"
    var message = "\(qualified) \(GoSyntax.quote(name)) is invalid"
    if let agg = errors.aggregateMessage { message += ": \(agg)" }
    let causes = errors.map { StatusCause(reason: $0.type.causeType, message: $0.body, field: $0.field) }
    return Status(
      status: StatusValue.failure, message: message, reason: StatusReason.invalid,
      details: StatusDetails(name: name, group: group, kind: kind, causes: causes), code: 422)
  }

  /// The Invalid status for `errors` found in `object`.
  public static func invalid(_ object: any KubeObject, errors: [FieldError]) -> Status {
    let r = type(of: object).resource
    return invalid(kind: r.kind, group: r.group, name: object.metadata.name, errors: errors)
  }
}
