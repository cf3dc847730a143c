/** Keras' default layer names: the class name in snake_case (GlobalAveragePooling1D → global_average_pooling1d). */
export function defaultLayerName(className: string): string {
  return className.replace(/([a-z])([A-Z])/g, '$1_$2').toLowerCase();
}
