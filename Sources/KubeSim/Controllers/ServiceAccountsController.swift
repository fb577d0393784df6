// ServiceAccountsController: makes sure every active namespace has the `default` ServiceAccount
// (pkg/controller/serviceaccount/serviceaccounts_controller.go).

/// The ServiceAccounts controller. Pods are refused by the ServiceAccount admission plugin until
/// their namespace's `default` account exists, so this is what lets a new namespace run pods.
///
/// `sync(namespace)`: an Active namespace missing one of the managed accounts gets it created.
final class ServiceAccountsController: Controller {
  let name = "serviceaccount-controller"
  let queue = WorkQueue()
  /// Upstream `ServiceAccountsControllerOptions.ServiceAccounts`.
  static let managedAccounts = ["default"]

  private let client: APIClient
  private let informers: SharedInformers

  init(client: APIClient, context: SimContext, informers: SharedInformers) {
    self.client = client
    self.informers = informers
    informers.namespaces.onAdd.append { [unowned self] ns in queue.add(ns.metadata.name) }
    informers.namespaces.onUpdate.append { [unowned self] _, ns in queue.add(ns.metadata.name) }
    informers.serviceAccounts.onDelete.append { [unowned self] sa in
      if Self.managedAccounts.contains(sa.metadata.name) { queue.add(sa.metadata.namespace) }
    }
  }

  func sync(_ key: String) -> SyncResult {
    guard let ns = informers.namespaces.get(key), ns.status.phase == NamespacePhase.active else { return .done }
    for account in Self.managedAccounts
    where informers.serviceAccounts.get(namespace: key, name: account) == nil {
      client.create(ServiceAccount(metadata: ObjectMeta(name: account, namespace: key)))
    }
    return .done
  }
}
