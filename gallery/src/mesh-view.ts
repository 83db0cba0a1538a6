import {
  AmbientLight,
  Box3,
  Box3Helper,
  BufferAttribute,
  BufferGeometry,
  Color,
  DirectionalLight,
  DoubleSide,
  Mesh,
  MeshLambertMaterial,
  PerspectiveCamera,
  Scene,
  Vector3,
  WebGLRenderer,
} from 'three';
import { OrbitControls } from 'three/examples/jsm/controls/OrbitControls.js';
import { element } from './element.js';
import { formatNumber } from './format-number.js';

/** A live 3D view; `dispose` frees its WebGL context, which browsers have few of. */
export interface MeshView {
  dispose(): void;
}

const background = 0xf3f4f6;

/**
 * Shows a triangle mesh (float32 x y z, nine per triangle) in `container`: flat-shaded in
 * OpenSCAD's yellow, z up, seen from the front right above like the thumbnails, with orbit (drag),
 * zoom (wheel, pinch) and pan (right drag), its bounding box drawn and each side's length written
 * beside it. Draws only when the view changes.
 */
export function showMesh(container: HTMLElement, positions: Float32Array): MeshView {
  const geometry = new BufferGeometry();
  geometry.setAttribute('position', new BufferAttribute(positions, 3));
  geometry.computeVertexNormals();
  geometry.computeBoundingBox();
  const box = geometry.boundingBox ?? new Box3();
  const size = box.getSize(new Vector3());
  const centre = box.getCenter(new Vector3());
  const radius = Math.max(size.length() / 2, 1e-6);

  const scene = new Scene();
  scene.background = new Color(background);
  const material = new MeshLambertMaterial({ color: 0xf9d72c, side: DoubleSide });
  scene.add(new Mesh(geometry, material));
  const outline = new Box3Helper(box, 0x2563eb);
  scene.add(outline);
  scene.add(new AmbientLight(0xffffff, 0.6));

  const camera = new PerspectiveCamera(30, 1, radius / 100, radius * 100);
  camera.up.set(0, 0, 1);
  const from = new Vector3(1, -1, 0.8).normalize();
  // The whole part in view, across the narrower of the view's two angles.
  const fit = (aspect: number): void => {
    const half = (camera.fov * Math.PI) / 360;
    const narrower = aspect < 1 ? Math.atan(Math.tan(half) * aspect) : half;
    camera.position.copy(centre).addScaledVector(from, (1.15 * radius) / Math.sin(narrower));
  };
  fit(1);
  // The lamp rides with the camera, above the viewer's left shoulder: the side the user looks at
  // is always lit, the top brightest, as in the thumbnails.
  const lamp = new DirectionalLight(0xffffff, 2.6);
  lamp.position.set(-0.6, 0.9, 0.7);
  lamp.target.position.set(0, 0, -1);
  camera.add(lamp, lamp.target);
  scene.add(camera);

  const renderer = new WebGLRenderer({ antialias: true });
  renderer.setPixelRatio(window.devicePixelRatio);
  const canvas = renderer.domElement;
  canvas.className = 'mesh-canvas';
  const labels = [size.x, size.y, size.z].map((length, axis) =>
    element('span', { class: `dimension axis-${'xyz'[axis] ?? ''}` }, [
      `${'XYZ'[axis] ?? ''} ${formatNumber(length)} mm`,
    ]),
  );
  container.append(canvas, ...labels);

  const controls = new OrbitControls(camera, canvas);
  controls.target.copy(centre);
  controls.update();

  // Where each label goes: the middle of one edge of the box along its axis.
  const { min, max } = box;
  const edges = [
    new Vector3(centre.x, min.y, min.z),
    new Vector3(max.x, centre.y, min.z),
    new Vector3(max.x, min.y, centre.z),
  ];
  const draw = (): void => {
    renderer.render(scene, camera);
    const width = canvas.clientWidth;
    const height = canvas.clientHeight;
    edges.forEach((edge, axis) => {
      const onScreen = edge.clone().project(camera);
      const label = labels[axis];
      if (label === undefined) return;
      label.style.left = `${((onScreen.x + 1) / 2) * width}px`;
      label.style.top = `${((1 - onScreen.y) / 2) * height}px`;
    });
  };
  const resize = (): void => {
    const width = Math.max(container.clientWidth, 1);
    const height = Math.max(container.clientHeight, 1);
    renderer.setSize(width, height);
    camera.aspect = width / height;
    camera.updateProjectionMatrix();
    // Until the user moves the view, a resize fits the part again.
    if (!moved) {
      fit(camera.aspect);
      controls.update();
    }
    draw();
  };
  let moved = false;
  controls.addEventListener('start', () => {
    moved = true;
  });
  controls.addEventListener('change', draw);
  const observer = new ResizeObserver(resize);
  observer.observe(container);
  resize();

  return {
    dispose: () => {
      observer.disconnect();
      controls.dispose();
      geometry.dispose();
      material.dispose();
      outline.dispose();
      renderer.dispose();
      renderer.forceContextLoss();
      canvas.remove();
      for (const label of labels) label.remove();
    },
  };
}
