import { describeCourseMatrix } from '../helpers/matrix.js';

describeCourseMatrix('01-runners');
