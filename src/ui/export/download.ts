// Hands bytes to the browser as a file download (an object URL on a temporary link).
export function saveFile(name: string, data: Uint8Array | string, type: string): void {
  const blob = new Blob([typeof data === 'string' ? data : new Uint8Array(data)], { type });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.rel = 'noopener';
  document.body.appendChild(a);
  a.click();
  a.remove();
  // Revoked later: the download has to start reading the blob first.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
