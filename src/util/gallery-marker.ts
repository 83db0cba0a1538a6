/**
 * The file that marks a folder as a parascad gallery (`--report html=DIR`): a later run may
 * replace that folder, and a `--baseline` holding one does not take its files for outputs.
 */
export const galleryMarker = '.parascad-gallery';
