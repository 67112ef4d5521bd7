/** TensorFlow Playground's colour scale, shared by the apps (see @nn/ui). */
export { cssColor, cssColorStep, writeColor } from '@nn/ui/colors';
