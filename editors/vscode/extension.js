// extension.js: starts `carecap lsp` for carecap rule files, so that VS Code shows errors as the rules are
// typed, hover, go to definition, completion and formatting (editors/README.md, docs/lsp.md).
const vscode = require('vscode');
const { LanguageClient, TransportKind } = require('vscode-languageclient/node');

let client;

function activate(context) {
  const settings = vscode.workspace.getConfiguration('carecap');
  // Options before the command (--rules-dir, --rules-path, --limit) go before `lsp`, as on the command line.
  const command = settings.get('server.path', 'carecap');
  const args = [...settings.get('server.arguments', []), 'lsp'];
  const serverOptions = {
    run: { command, args, transport: TransportKind.stdio },
    debug: { command, args, transport: TransportKind.stdio },
  };
  const clientOptions = {
    documentSelector: [{ scheme: 'file', language: 'carecap' }, { scheme: 'untitled', language: 'carecap' }],
  };
  client = new LanguageClient('carecap', 'carecap language server', serverOptions, clientOptions);
  client.start();
  context.subscriptions.push({ dispose: () => client && client.stop() });
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
