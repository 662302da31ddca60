// HTTPS options for the dev server on https://localhost:3000 (Office only loads add-ins over HTTPS).
// office-addin-dev-certs makes a CA and a localhost certificate offline, then tries to install the CA
// into the system trust store. That install needs sudo (Linux) or a user prompt (Windows/macOS);
// where it cannot run we still serve with the generated certificate and say how to trust the CA by hand.
const fs = require("node:fs");
const crypto = require("node:crypto");
const os = require("node:os");

const devCerts = require("office-addin-dev-certs");
const defaults = require("office-addin-dev-certs/lib/defaults");
const verify = require("office-addin-dev-certs/lib/verify");

/** Shell steps that make this machine trust the development CA. */
function trustInstructions(caPath = defaults.caCertificatePath) {
  switch (process.platform) {
    case "win32":
      return [
        `PowerShell: Import-Certificate -FilePath "${caPath}" -CertStoreLocation Cert:\\CurrentUser\\Root`,
        `or: certutil -user -addstore Root "${caPath}"`,
      ];
    case "darwin":
      return [`security add-trusted-cert -d -r trustRoot -k ~/Library/Keychains/login.keychain-db '${caPath}'`];
    default:
      return [
        `System store (curl, node): sudo mkdir -p /usr/local/share/ca-certificates/office-addin-dev-certs && sudo cp '${caPath}' /usr/local/share/ca-certificates/office-addin-dev-certs/ && sudo update-ca-certificates`,
        `Chrome/Chromium/Edge on Linux (NSS): certutil -d sql:$HOME/.pki/nssdb -A -t "C,," -n "Developer CA for Microsoft Office Add-ins" -i '${caPath}'   (certutil is in the libnss3-tools package)`,
        `Firefox: Settings > Privacy & Security > Certificates > View Certificates > Authorities > Import '${caPath}'`,
        `Or open https://localhost:3000/taskpane.html once in the browser and accept the warning (Excel on the web then loads it from that browser).`,
      ];
  }
}

/** The generated files, when all three exist and the localhost certificate is valid for at least another day. */
function readUsableCertificates() {
  const files = [defaults.caCertificatePath, defaults.localhostCertificatePath, defaults.localhostKeyPath];
  if (!files.every((f) => fs.existsSync(f))) return null;
  const cert = fs.readFileSync(defaults.localhostCertificatePath);
  const validTo = new Date(new crypto.X509Certificate(cert).validTo);
  if (validTo.getTime() - Date.now() < 24 * 3600 * 1000) return null;
  return { ca: fs.readFileSync(defaults.caCertificatePath), cert, key: fs.readFileSync(defaults.localhostKeyPath) };
}

function caIsTrusted() {
  try {
    return verify.isCaCertificateInstalled();
  } catch {
    return false;
  }
}

/**
 * Returns { options: {ca, cert, key}, trusted, notes }. Reuses certificates already made (so a CA the user
 * trusted by hand stays valid); otherwise lets office-addin-dev-certs make and install them, and when the
 * install fails (no sudo, no prompt) falls back to the files it generated.
 */
async function getDevHttpsOptions(log = console.log) {
  const existing = readUsableCertificates();
  if (existing && caIsTrusted()) return { options: existing, trusted: true, notes: [] };
  if (existing) {
    return { options: existing, trusted: false, notes: untrustedNotes() };
  }
  try {
    const options = await devCerts.getHttpsServerOptions();
    return { options, trusted: true, notes: [] };
  } catch (error) {
    const generated = readUsableCertificates();
    if (!generated) throw new Error(`Could not make development certificates in ${defaults.certificateDirectory}: ${error.message}`);
    log(`Development certificates were made, but their CA could not be installed automatically (${firstLine(error.message)}).`);
    return { options: generated, trusted: false, notes: untrustedNotes() };
  }
}

function untrustedNotes() {
  return [
    `The development CA is not trusted on this machine (${os.platform()}), so Office and browsers will reject https://localhost:3000 until you trust it:`,
    `  CA certificate: ${defaults.caCertificatePath}`,
    ...trustInstructions().map((line) => `  - ${line}`),
  ];
}

function firstLine(text) {
  return String(text).split("\n").find((l) => l.trim()) ?? "";
}

module.exports = { getDevHttpsOptions, trustInstructions, certificateDirectory: defaults.certificateDirectory, caCertificatePath: defaults.caCertificatePath };
