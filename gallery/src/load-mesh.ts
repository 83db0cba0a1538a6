/**
 * The triangles of a part, from its data script (`meshes/<key>.js`), loaded on demand with a
 * classic `<script>`: browsers refuse `fetch` and module scripts on `file://`, not scripts.
 */
export async function loadMesh(script: string, key: string): Promise<Float32Array> {
  const loaded = window.PARASCAD_MESHES?.[key];
  if (loaded !== undefined) return decode(loaded);
  await new Promise<void>((resolve, reject) => {
    const tag = document.createElement('script');
    tag.src = script;
    tag.onload = () => {
      resolve();
    };
    tag.onerror = () => {
      reject(new Error(`could not load ${script}: is the gallery folder complete?`));
    };
    document.head.append(tag);
  });
  const base64 = window.PARASCAD_MESHES?.[key];
  if (base64 === undefined) throw new Error(`${script} holds no mesh for ${key}`);
  return decode(base64);
}

function decode(base64: string): Float32Array {
  const text = atob(base64);
  const bytes = new Uint8Array(text.length);
  for (let at = 0; at < text.length; at += 1) bytes[at] = text.charCodeAt(at);
  return new Float32Array(bytes.buffer);
}
