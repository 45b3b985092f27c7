import CGLPK
import CGLPKShim
