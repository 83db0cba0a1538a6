// Shared sizes and shapes of the desk organizer kit, included by project.scad.
wall = 2.4;
floor_thickness = 2;
corner_radius = 4;
tray_size = [160, 100, 24];
pocket_grid = [4, 2];

// A box with rounded vertical edges: the kit's basic shape.
module rounded_box(size, radius = corner_radius) {
  linear_extrude(height = size.z) rounded_rect([size.x, size.y], radius);
}

// A rectangle with rounded corners, for the 2D parts.
module rounded_rect(size, radius = corner_radius) {
  offset(r = radius) offset(delta = -radius) square(size);
}

// Hexagonal cells covering `size`: the pattern of the coaster and the tray's floor.
module hex_grid(size, cell = 8, gap = 1.6) {
  pitch = cell + gap;
  for (i = [0 : size.x / pitch], j = [0 : size.y / (pitch * sin(60))])
    translate([i * pitch + (j % 2) * pitch / 2, j * pitch * sin(60)])
      circle(d = cell, $fn = 6);
}
