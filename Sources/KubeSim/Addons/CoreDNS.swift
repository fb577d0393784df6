// CoreDNS: the DNS addon. SKELETON — records and resolution fill this in.

public final class CoreDNS {
  let client: APIClient
  let context: SimContext

  public init(client: APIClient, context: SimContext) {
    self.client = client
    self.context = context
  }

  public func start() {}
  public func stop() {}
  /// The `run` phase: refresh records from Services and EndpointSlices.
  public func sync() {}
}
