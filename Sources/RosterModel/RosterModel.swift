// Placeholder until the model lands.
import RosterCore
import Solver
